export { default } from "@suture/eslint-config";
