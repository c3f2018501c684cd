#!/usr/bin/env node
// The `tidemark` command. A committed file, so npm can link it at install time, before the build
// has produced the bundle it starts (dist/bundle/tidemark.mjs: see scripts/bundle-cli.mjs).
import '../dist/bundle/tidemark.mjs';
