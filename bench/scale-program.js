#!/usr/bin/env node
"use strict";
require("../scripts/register-ts.js");
require("./scale-program.ts");
