/** The tutorial's fixed products, in its field order (id, name, price). */
export interface Product {
  readonly id: number;
  readonly name: string;
  readonly price: number;
}

export const PRODUCTS: readonly Product[] = [
  { id: 1, name: 'Laptop', price: 1000 },
  { id: 2, name: 'Mouse', price: 20 },
  { id: 3, name: 'Keyboard', price: 50 },
];
