CREATE TABLE "sentry_syncs" (
	"org_slug" text PRIMARY KEY NOT NULL,
	"synced_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_error" text,
	"recovered" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deploy_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "deploy_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "sentry_installations" ADD COLUMN "auth_token" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "repository" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "status" text DEFAULT 'success' NOT NULL;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "previous_deployment_id" uuid;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "compare_url" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "commits" jsonb;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "commits_error" text;--> statement-breakpoint
ALTER TABLE "deploy_tokens" ADD CONSTRAINT "deploy_tokens_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deploy_tokens_workspace_idx" ON "deploy_tokens" USING btree ("workspace_id");--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_previous_deployment_id_deployments_id_fk" FOREIGN KEY ("previous_deployment_id") REFERENCES "public"."deployments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployments_workspace_environment_idx" ON "deployments" USING btree ("workspace_id","environment","deployed_at");--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_identity_uq" UNIQUE NULLS NOT DISTINCT("workspace_id","environment","release","commit_sha");