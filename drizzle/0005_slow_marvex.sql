DROP INDEX "observations_issue_idx";--> statement-breakpoint
CREATE INDEX "observations_issue_occurred_idx" ON "observations" USING btree ("sentry_issue_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "observations_workspace_environment_idx" ON "observations" USING btree ("workspace_id","environment");--> statement-breakpoint
CREATE INDEX "sentry_issues_workspace_last_seen_idx" ON "sentry_issues" USING btree ("workspace_id",coalesce("last_seen", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "sentry_issues_workspace_first_seen_idx" ON "sentry_issues" USING btree ("workspace_id",coalesce("first_seen", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "sentry_issues_workspace_events_idx" ON "sentry_issues" USING btree ("workspace_id",coalesce("event_count", 0),"id");--> statement-breakpoint
CREATE INDEX "sentry_issues_workspace_users_idx" ON "sentry_issues" USING btree ("workspace_id",coalesce("user_count", 0),"id");--> statement-breakpoint
CREATE INDEX "sentry_issues_workspace_project_idx" ON "sentry_issues" USING btree ("workspace_id","project_slug");--> statement-breakpoint
CREATE INDEX "sentry_issues_search_trgm_idx" ON "sentry_issues" USING gin ((coalesce("title", '') || ' ' || coalesce("culprit", '') || ' ' || coalesce("short_id", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "fix_runs_workspace_updated_idx" ON "fix_runs" USING btree ("workspace_id","updated_at","id");