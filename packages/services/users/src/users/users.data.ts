/** The tutorial's fixed users, in its field order (id, name, email). */
export interface User {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

export const USERS: readonly User[] = [
  { id: 1, name: 'John Doe', email: 'jhon@gmail.com' },
  { id: 2, name: 'Jane Doe', email: 'jane@gmail.com' },
];
