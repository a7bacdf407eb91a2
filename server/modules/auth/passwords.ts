// argon2id hashing. The dummy hash makes a login with an unknown name cost as much as a wrong password.
import argon2 from 'argon2';

export interface Hasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export function createHasher(memoryCost: number): Hasher {
  const options = { type: argon2.argon2id, memoryCost, timeCost: 2, parallelism: 1 } as const;
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      if (!hash) {
        dummy ??= argon2.hash('dummy-password-1', options);
        await argon2.verify(await dummy, password).catch(() => false);
        return false;
      }
      return argon2.verify(hash, password).catch(() => false);
    },
  };
}
