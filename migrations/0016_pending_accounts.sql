ALTER TYPE "public"."notification_kind" ADD VALUE 'account_requested';--> statement-breakpoint
CREATE TABLE "pending_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"oidc_issuer" text NOT NULL,
	"oidc_subject" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_accounts_email_unique" UNIQUE("email"),
	CONSTRAINT "pending_accounts_oidc_issuer_subject_key" UNIQUE("oidc_issuer","oidc_subject")
);
