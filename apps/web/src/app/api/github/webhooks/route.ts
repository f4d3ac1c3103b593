// POST /api/github/webhooks — signed GitHub deliveries (pull requests, reviews, checks)
import { announceGithubDelivery, receiveGithubWebhook } from "@suture/core";
import { receiveWebhook } from "@/lib/receive-webhook";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return receiveWebhook("github", request, receiveGithubWebhook, announceGithubDelivery);
}
