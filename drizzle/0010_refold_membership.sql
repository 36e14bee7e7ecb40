CREATE TABLE "maintenance_progress" (
	"task" text PRIMARY KEY NOT NULL,
	"position" bigint NOT NULL,
	"until" bigint NOT NULL,
	"since" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_splits" (
	"story_id" bigint PRIMARY KEY NOT NULL,
	"split_from" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "story_splits" ADD CONSTRAINT "story_splits_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;