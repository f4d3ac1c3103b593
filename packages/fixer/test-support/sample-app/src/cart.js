// What a customer owes: each line's unit price times its quantity, in whole cents.
export function cartTotal(items) {
  let total = 0;
  for (const item of items) {
    total += item.product.price * item.quantity;
  }
  return Math.round(total * 100) / 100;
}
