#!/usr/bin/env node
"use strict";
require("../scripts/compile-cache.js").enable();
require("../scripts/defer-typescript.js").deferTypeScript();
require("../scripts/register-ts.js");
require("./scale-program.ts");
