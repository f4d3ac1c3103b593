import base from "@suture/eslint-config";
import { boundaries } from "@suture/eslint-config/boundaries";

export default [...base, { files: ["src/**"], rules: boundaries.github }];
