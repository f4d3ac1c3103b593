ALTER TABLE "fix_runs" ADD COLUMN "base_ref" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "base_sha" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "head_sha" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "diff" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "summary" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "pr_state" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "review_state" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "checks_state" text;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "seer_details" jsonb;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "fix_runs" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "fix_runs_repository_pr_idx" ON "fix_runs" USING btree ("repository_id","pr_number");