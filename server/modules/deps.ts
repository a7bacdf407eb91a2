// What feature modules receive from the application.
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Hasher } from './auth/passwords.js';
import type { AuthService } from './auth/service.js';

export interface ModuleDeps {
  db: Db;
  config: Config;
  hasher: Hasher;
  auth: AuthService;
}
