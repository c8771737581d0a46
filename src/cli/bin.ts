#!/usr/bin/env node
import { main } from './main.ts';

void main(process.argv).then((code) => {
  process.exitCode = code;
});
