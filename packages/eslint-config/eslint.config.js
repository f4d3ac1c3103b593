// This package lints itself with its own config: plain JavaScript, outside every tsconfig, is linted without types.
export { default } from "./index.js";
