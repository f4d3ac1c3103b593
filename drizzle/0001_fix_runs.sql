CREATE TABLE "fix_run_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fix_run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fix_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sentry_issue_id" uuid NOT NULL,
	"repository_id" uuid,
	"origin" text DEFAULT 'suture' NOT NULL,
	"status" text NOT NULL,
	"trigger_observation_id" uuid,
	"seer_run_id" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"rejected_by" text,
	"rejected_at" timestamp with time zone,
	"reason" text,
	"branch" text,
	"pr_number" integer,
	"pr_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repositories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"owner" text NOT NULL,
	"name" text NOT NULL,
	"default_branch" text DEFAULT 'main' NOT NULL,
	"clone_url" text NOT NULL,
	"code_mappings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"test_command" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_policies" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"mode" text DEFAULT 'manual' NOT NULL,
	"auto_levels" text[] DEFAULT ARRAY['error','fatal']::text[] NOT NULL,
	"auto_min_events" integer DEFAULT 1 NOT NULL,
	"auto_min_users" integer DEFAULT 0 NOT NULL,
	"auto_environments" text[] DEFAULT ARRAY[]::text[] NOT NULL,
	"max_active_runs" integer DEFAULT 3 NOT NULL,
	"max_dispatches_per_hour" integer DEFAULT 10 NOT NULL,
	"max_dispatches_per_day" integer DEFAULT 50 NOT NULL,
	"max_diff_files" integer DEFAULT 10 NOT NULL,
	"max_diff_lines" integer DEFAULT 400 NOT NULL,
	"path_denylist" text[] DEFAULT ARRAY['.github/','.gitlab-ci.yml','.circleci/','Jenkinsfile','pnpm-lock.yaml','package-lock.json','yarn.lock','Cargo.lock','poetry.lock','Gemfile.lock','go.sum','.env','*.pem','*.key','*secret*','*credential*']::text[] NOT NULL,
	"require_regression_test" boolean DEFAULT true NOT NULL,
	"dispatch_via_seer" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "fix_run_events" ADD CONSTRAINT "fix_run_events_fix_run_id_fix_runs_id_fk" FOREIGN KEY ("fix_run_id") REFERENCES "public"."fix_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD CONSTRAINT "fix_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD CONSTRAINT "fix_runs_sentry_issue_id_sentry_issues_id_fk" FOREIGN KEY ("sentry_issue_id") REFERENCES "public"."sentry_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD CONSTRAINT "fix_runs_repository_id_repositories_id_fk" FOREIGN KEY ("repository_id") REFERENCES "public"."repositories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD CONSTRAINT "fix_runs_trigger_observation_id_observations_id_fk" FOREIGN KEY ("trigger_observation_id") REFERENCES "public"."observations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repositories" ADD CONSTRAINT "repositories_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_policies" ADD CONSTRAINT "workspace_policies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "fix_run_events_run_seq_uq" ON "fix_run_events" USING btree ("fix_run_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "fix_runs_one_active_per_issue_uq" ON "fix_runs" USING btree ("sentry_issue_id") WHERE "fix_runs"."origin" = 'suture' and "fix_runs"."status" in ('awaiting_approval', 'approved', 'running', 'pr_open');--> statement-breakpoint
CREATE UNIQUE INDEX "fix_runs_seer_run_uq" ON "fix_runs" USING btree ("workspace_id","seer_run_id");--> statement-breakpoint
CREATE INDEX "fix_runs_workspace_status_idx" ON "fix_runs" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "fix_runs_issue_idx" ON "fix_runs" USING btree ("sentry_issue_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repositories_workspace_repo_uq" ON "repositories" USING btree ("workspace_id","owner","name");