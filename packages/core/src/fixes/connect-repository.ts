import { getWorkspaceBySlug, insertRepository, type Repository } from "@suture/db";
import { z } from "zod";
import { getDb } from "../database.ts";

export const repositoryInput = z.object({
  workspace: z.string().min(1),
  /** `owner/name` as on GitHub. */
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'repository must be "owner/name"'),
  cloneUrl: z.string().min(1).optional(),
  defaultBranch: z.string().min(1).default("main"),
  testCommand: z.string().min(1).optional(),
  codeMappings: z.array(z.object({ stackRoot: z.string(), sourceRoot: z.string() })).default([]),
});

export type ConnectRepositoryResult =
  { status: "connected"; repository: Repository } | { status: "invalid"; error: string };

/** Connects a GitHub repository to a workspace, so its issues can get fix runs. */
export async function connectRepository(input: z.input<typeof repositoryInput>): Promise<ConnectRepositoryResult> {
  const parsed = repositoryInput.safeParse(input);
  if (!parsed.success) return { status: "invalid", error: parsed.error.issues.map((i) => i.message).join("; ") };
  const { workspace: slug, repository, cloneUrl, defaultBranch, testCommand, codeMappings } = parsed.data;
  const db = await getDb();
  const workspace = await getWorkspaceBySlug(db, { slug });
  if (!workspace) return { status: "invalid", error: `no workspace with slug "${slug}"` };
  const [owner, name] = repository.split("/") as [string, string];
  return {
    status: "connected",
    repository: await insertRepository(db, {
      workspaceId: workspace.id,
      owner,
      name,
      cloneUrl: cloneUrl ?? `https://github.com/${owner}/${name}.git`,
      defaultBranch,
      testCommand: testCommand ?? null,
      codeMappings,
    }),
  };
}
