import Link from "next/link";
import type { IssueDeployment, SuspectView } from "@suture/core";
import { DeploymentStatusBadge } from "@/components/badges";
import { CommitLink } from "@/components/commit-link";
import { TimeAgo } from "@/components/time-ago";

type Deployed = Extract<IssueDeployment, { status: "deployed" }>;

/** The release the issue was first seen in, the deployment that introduced it, and the suspect commits. */
export function ReleaseDeployment({
  deployment,
  deploymentsHref,
  now,
}: {
  deployment: IssueDeployment;
  /** The workspace's deployments page. */
  deploymentsHref: string;
  now: number;
}) {
  return (
    <section aria-labelledby="release-title" className="rounded-xl border border-slate-200 bg-white">
      <h2 id="release-title" className="border-b border-slate-200 px-4 py-3 text-sm font-semibold">
        Release &amp; deployment
      </h2>
      {deployment.status === "no_release" ? (
        <p className="px-4 py-4 text-sm text-slate-500">
          No event of this issue names a release, so no deployment can be matched to it.
        </p>
      ) : deployment.status === "not_deployed" ? (
        <p className="px-4 py-4 text-sm text-slate-600">
          No deployment recorded for release <span className="font-mono">{deployment.release}</span>
          {deployment.environment ? ` in ${deployment.environment}` : ""}.{" "}
          <Link href={deploymentsHref} className="font-medium text-indigo-700 hover:underline">
            How to record deployments
          </Link>
        </p>
      ) : (
        <Introduced deployed={deployment} deploymentsHref={deploymentsHref} now={now} />
      )}
    </section>
  );
}

function Introduced({ deployed, deploymentsHref, now }: { deployed: Deployed; deploymentsHref: string; now: number }) {
  const { deployment, previous } = deployed;
  const timeline = `${deploymentsHref}?${new URLSearchParams({ environment: deployment.environment ?? "" }).toString()}#deployment-${deployment.id}`;
  return (
    <div className="space-y-4 px-4 py-4 text-sm">
      <dl className="space-y-3">
        <Fact label="First seen in release">
          <span className="font-mono break-all">{deployed.release}</span>
        </Fact>
        <Fact label="Introduced by">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Link href={timeline} className="font-medium text-indigo-700 hover:underline">
              {deployment.environment ?? "a deployment"}
            </Link>
            <TimeAgo date={deployment.deployedAt} now={now} />
            {deployment.shortSha ? <CommitLink sha={deployment.shortSha} url={deployment.commitUrl} /> : null}
            <span className="text-xs text-slate-500">via {deployment.source}</span>
            {deployment.status !== "success" ? <DeploymentStatusBadge status={deployment.status} /> : null}
          </span>
        </Fact>
        <Fact label="Suspect range">
          <SuspectRange deployed={deployed} previous={previous} />
        </Fact>
      </dl>
      <Suspects deployed={deployed} />
    </div>
  );
}

function SuspectRange({ deployed, previous }: { deployed: Deployed; previous: Deployed["previous"] }) {
  const { deployment } = deployed;
  const count = deployment.commitCount;
  return (
    <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <span className="text-slate-600">
        {previous ? (
          <>
            since <span className="font-mono">{previous.release}</span>
            {previous.shortSha ? <span className="font-mono text-slate-500"> ({previous.shortSha})</span> : null}
          </>
        ) : (
          "no earlier deployment of this environment"
        )}
      </span>
      {count !== null ? (
        <span className="text-slate-600">
          {count} {count === 1 ? "commit" : "commits"}
        </span>
      ) : null}
      {/* compareUrl is an https: link on the configured GitHub or null (core). */}
      {deployment.compareUrl ? (
        <a href={deployment.compareUrl} className="text-indigo-700 hover:underline" rel="noreferrer" target="_blank">
          Compare on GitHub
        </a>
      ) : null}
    </span>
  );
}

function Suspects({ deployed }: { deployed: Deployed }) {
  const { deployment, suspects } = deployed;
  if (deployment.commitsError)
    return (
      <p role="note" className="rounded-lg bg-amber-50 px-3 py-2 text-xs text-amber-800">
        The range&apos;s commits could not be read: {deployment.commitsError}
      </p>
    );
  if (deployment.commitCount === null)
    return <p className="text-xs text-slate-500">The range&apos;s commits have not been read from GitHub yet.</p>;
  if (suspects.length === 0)
    return (
      <p className="text-xs text-slate-500">
        {deployed.frameFiles === 0
          ? "This issue's event has no in-app frame file to match the commits against."
          : "No commit of the range changed a file of this issue's in-app frames."}
      </p>
    );
  return (
    <div>
      <h3 className="text-xs tracking-wide text-slate-500 uppercase">Suspect commits</h3>
      <ul aria-label="Suspect commits" className="mt-2 space-y-2">
        {suspects.map((suspect) => (
          <li key={suspect.sha}>
            <Suspect suspect={suspect} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function Suspect({ suspect }: { suspect: SuspectView }) {
  return (
    <div className="rounded-lg border border-slate-200 px-3 py-2">
      <p className="flex min-w-0 items-baseline gap-2">
        <CommitLink sha={suspect.shortSha} url={suspect.url} />
        <span className="min-w-0 break-words">{suspect.title}</span>
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {suspect.author ? `${suspect.author} · ` : ""}changed{" "}
        {suspect.touched.map((path, i) => (
          <span key={path}>
            {i > 0 ? ", " : ""}
            <span className="font-mono break-all text-slate-700">{path}</span>
          </span>
        ))}
      </p>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
