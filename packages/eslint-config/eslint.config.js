// This package lints itself with its own untyped config: it is plain JavaScript, outside every tsconfig.
export { default } from "./index.js";
