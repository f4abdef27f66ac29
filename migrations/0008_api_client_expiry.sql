-- Clients made before tokens expired get a year from now, not from their creation: an
-- integration must not stop without the warning the API clients page gives.
ALTER TABLE "api_clients" ADD COLUMN "expires_at" timestamp with time zone NOT NULL DEFAULT now() + interval '1 year';--> statement-breakpoint
ALTER TABLE "api_clients" ALTER COLUMN "expires_at" DROP DEFAULT;
