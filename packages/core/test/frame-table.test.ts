import { describe, expect, it } from "vitest";
import { allFigures, formatFigures } from "./frame-table/score.ts";

describe("the frame table", () => {
  const figures = allFigures();

  it("prints the per-platform figures", () => {
    console.log(
      `\nFrame table (in-app right / wrong / library frames mapped into the repository)\n${formatFigures(figures)}`,
    );
    const misses = figures.flatMap((f) => f.misses.map((miss) => `${f.platform} ${f.setup}: ${miss}`));
    if (misses.length > 0) console.log(misses.join("\n"));
  });

  it.each(figures.map((f) => [`${f.platform} ${f.setup}`, f] as const))(
    "%s: ≥ 95 % of in-app frames right, none wrong, no library frame mapped",
    (_label, f) => {
      expect(f.right / f.inApp).toBeGreaterThanOrEqual(0.95);
      expect(f.misses.filter((miss) => !miss.includes("unmapped"))).toEqual([]);
      expect(f.wrong).toBe(0);
      expect(f.libraryMapped).toBe(0);
    },
  );
});
