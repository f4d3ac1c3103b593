import { describe, expect, it } from "vitest";
import { type SlackMessageInput, slackMessage } from "./slack-message.ts";

const base: SlackMessageInput = {
  shortId: "SHOP-1A",
  title: "TypeError: items is undefined",
  prUrl: "https://github.com/acme/shop/pull/7",
  summary: "Root cause: guest carts have no items.\nFix: default to [].",
  runUrl: "https://suture.test/runs/9",
};

describe("slackMessage", () => {
  it("links the pull request and shows the title, summary and run", () => {
    const message = slackMessage(base);
    expect(message.text).toBe(
      "Draft fix for SHOP-1A: TypeError: items is undefined — https://github.com/acme/shop/pull/7",
    );
    expect(message.blocks).toEqual([
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: "*<https://github.com/acme/shop/pull/7|Draft fix for SHOP-1A>*\nTypeError: items is undefined",
        },
      },
      {
        type: "section",
        text: { type: "mrkdwn", text: "Root cause: guest carts have no items.\nFix: default to []." },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "Written by a coding agent — needs human review before merging." },
          { type: "mrkdwn", text: "<https://suture.test/runs/9|Suture run>" },
        ],
      },
    ]);
  });

  it("leaves out what is missing", () => {
    const message = slackMessage({ ...base, title: null, summary: "  ", runUrl: null });
    expect(message.text).toBe("Draft fix for SHOP-1A — https://github.com/acme/shop/pull/7");
    expect(message.blocks).toHaveLength(2);
    expect(JSON.stringify(message.blocks)).not.toContain("Suture run");
  });

  it("scrubs and escapes untrusted text so it cannot ping or link", () => {
    const message = slackMessage({
      ...base,
      title: "<!channel> crash for bob@shop.test",
      summary: "Root cause: see <https://evil.test|the docs> & token=abc123",
    });
    const json = JSON.stringify(message);
    expect(json).not.toContain("<!channel>");
    expect(json).not.toContain("bob@shop.test");
    expect(json).not.toContain("<https://evil.test");
    expect(json).not.toContain("abc123");
    expect(message.text).toContain("&lt;!channel&gt; crash for [email]");
    expect(JSON.stringify(message.blocks[1])).toContain("see &lt;https://evil.test|the docs&gt; &amp; token=[token]");
  });

  it("caps a long summary below Slack's section limit", () => {
    const message = slackMessage({ ...base, summary: "x".repeat(5000) });
    const section = message.blocks[1] as { text: { text: string } };
    expect(section.text.text).toHaveLength(1200);
    const escaped = slackMessage({ ...base, summary: "<".repeat(5000) }).blocks[1] as { text: { text: string } };
    expect(escaped.text.text.length).toBeLessThanOrEqual(1200);
    expect(escaped.text.text).toMatch(/^(&lt;)+…$/);
  });
});
