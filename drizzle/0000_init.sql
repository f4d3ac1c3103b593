CREATE TABLE "sentry_installations" (
	"uuid" text PRIMARY KEY NOT NULL,
	"org_slug" text,
	"app_slug" text,
	"workspace_id" uuid,
	"auto_routed" boolean DEFAULT false NOT NULL,
	"client_secret" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sentry_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"installation_uuid" text,
	"project_slug" text,
	"project_id" text,
	"workspace_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspaces_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text DEFAULT 'sentry' NOT NULL,
	"resource" text NOT NULL,
	"action" text NOT NULL,
	"request_id" text,
	"installation_uuid" text,
	"dedup_key" text NOT NULL,
	"headers" jsonb NOT NULL,
	"raw_body" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"workspace_id" uuid,
	"attempts" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_dedupKey_unique" UNIQUE("dedup_key")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"sentry_issue_id" uuid,
	"source" text DEFAULT 'sentry' NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"actor" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"release" text,
	"environment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sentry_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sentry_issue_id" text NOT NULL,
	"short_id" text,
	"project_id" text,
	"project_slug" text,
	"title" text,
	"culprit" text,
	"level" text,
	"status" text,
	"substatus" text,
	"platform" text,
	"event_count" bigint,
	"user_count" integer,
	"first_seen" timestamp with time zone,
	"last_seen" timestamp with time zone,
	"web_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"release" text NOT NULL,
	"environment" text,
	"commit_sha" text,
	"url" text,
	"name" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"deployed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "release_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"observation_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sentry_installations" ADD CONSTRAINT "sentry_installations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentry_projects" ADD CONSTRAINT "sentry_projects_installation_uuid_sentry_installations_uuid_fk" FOREIGN KEY ("installation_uuid") REFERENCES "public"."sentry_installations"("uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentry_projects" ADD CONSTRAINT "sentry_projects_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_sentry_issue_id_sentry_issues_id_fk" FOREIGN KEY ("sentry_issue_id") REFERENCES "public"."sentry_issues"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sentry_issues" ADD CONSTRAINT "sentry_issues_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_links" ADD CONSTRAINT "release_links_observation_id_observations_id_fk" FOREIGN KEY ("observation_id") REFERENCES "public"."observations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_links" ADD CONSTRAINT "release_links_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sentry_projects_slug_idx" ON "sentry_projects" USING btree ("project_slug");--> statement-breakpoint
CREATE INDEX "sentry_projects_project_id_idx" ON "sentry_projects" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sentry_projects_install_slug_uq" ON "sentry_projects" USING btree ("installation_uuid","project_slug");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_status_received_idx" ON "webhook_deliveries" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_received_idx" ON "webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_installation_idx" ON "webhook_deliveries" USING btree ("installation_uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_delivery_uq" ON "observations" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "observations_workspace_created_idx" ON "observations" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "observations_workspace_release_idx" ON "observations" USING btree ("workspace_id","release");--> statement-breakpoint
CREATE INDEX "observations_issue_idx" ON "observations" USING btree ("sentry_issue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sentry_issues_workspace_issue_uq" ON "sentry_issues" USING btree ("workspace_id","sentry_issue_id");--> statement-breakpoint
CREATE INDEX "deployments_workspace_release_idx" ON "deployments" USING btree ("workspace_id","release");--> statement-breakpoint
CREATE UNIQUE INDEX "release_links_observation_deployment_uq" ON "release_links" USING btree ("observation_id","deployment_id");