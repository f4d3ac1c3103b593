ALTER TABLE "fix_runs" ADD COLUMN "iterations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "repair_head_sha" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "repair_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspace_policies" ADD COLUMN "auto_repair_iterations" integer DEFAULT 0 NOT NULL;