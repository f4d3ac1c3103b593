import assert from "node:assert/strict";
import { test } from "node:test";
import { cartTotal } from "../src/cart.js";

test("adds up price times quantity", () => {
  const items = [{ product: { price: 2.5 }, quantity: 2 }, { product: { price: 1.1 }, quantity: 3 }];
  assert.equal(cartTotal(items), 8.3);
});

test("an empty cart costs nothing", () => {
  assert.equal(cartTotal([]), 0);
});
