#!/usr/bin/env node
"use strict";
require("../scripts/compile-cache.js").enable();
require("../scripts/register-ts.js");
require("./scale-program.ts");
