// Stands in for the Suture server: a process whose own environment holds a GitHub token, and
// which starts an agent. Run with `node --import tsx`; options as JSON in argv, result on stdout.
import { runAgent, type AgentRunOptions } from "../src/index.ts";

const options = JSON.parse(process.argv[2]!) as AgentRunOptions;
const result = await runAgent(options);
process.stdout.write(JSON.stringify(result));
