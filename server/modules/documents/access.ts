// Who may read and act on a school's documents (docs/documents-api.md, «Who may do what»):
// read — the school, its curator in the cycle, coordinators and observers of its territory, federal, expert, admin;
// upload / edit / submit / withdraw — the school itself (and the admin);
// confirm / return / reopen — the school's curator in the cycle (and the admin).
import { contains, scopeOf, visible, type Actor, type Place } from '../../../domain/access/policy.js';
import type { DocumentAction, DocumentActor } from '../../../domain/documents/index.js';
import { NotFoundError } from '../../../domain/errors.js';
import type { Tx } from '../../db/client.js';
import * as q from './queries.js';

export const SCHOOL_NOT_FOUND = 'Школа не найдена';
export const DOCUMENT_NOT_FOUND = 'Документ не найден';

/** Actions of the school's side and of the curator's side of the workflow. */
export const SCHOOL_ACTIONS: readonly DocumentAction[] = ['submit', 'withdraw'];
export const CURATOR_ACTIONS: readonly DocumentAction[] = ['confirm', 'return', 'reopen'];

/** What the actor is to one school's documents in one cycle. */
export interface DocumentRights {
  read: boolean;
  /** Uploads, edits the programme, submits, withdraws. */
  asSchool: boolean;
  /** Confirms, returns, reopens. */
  asCurator: boolean;
}

export interface SchoolInCycle {
  regionId: number;
  municipalityId: number;
  /** The school's id. */
  id: number;
  /** The curator assigned to the school in the cycle. */
  curatorId: number | null;
}

/** Pure: the rights of an actor over a school's documents of a cycle. */
export function rightsOver(actor: Actor, school: SchoolInCycle): DocumentRights {
  const place: Place = { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id };
  if (actor.role === 'admin') return { read: true, asSchool: true, asCurator: true };
  if (actor.role === 'school') {
    const own = actor.schoolId === school.id;
    return { read: own, asSchool: own, asCurator: false };
  }
  if (actor.role === 'curator') {
    // a curator's rights follow the assignment of this cycle, not any cycle's
    const assigned = school.curatorId !== null && school.curatorId === actor.userId;
    return { read: assigned, asSchool: false, asCurator: assigned };
  }
  return { read: contains(scopeOf(actor), place), asSchool: false, asCurator: false };
}

/** The side the actor takes for a workflow action: the school's, the curator's, or a read-only coordinator. */
export function actorFor(rights: DocumentRights, action: DocumentAction): DocumentActor {
  if (SCHOOL_ACTIONS.includes(action)) return rights.asSchool ? 'school' : rights.asCurator ? 'curator' : 'coordinator';
  return rights.asCurator ? 'curator' : rights.asSchool ? 'school' : 'coordinator';
}

/** The school when the actor may read its documents of the cycle; otherwise 404, whether it exists or not. */
export async function readableSchool(db: Tx, actor: Actor, schoolId: number, cycleId: number) {
  const school = await q.schoolById(db, schoolId);
  if (!school) throw new NotFoundError(SCHOOL_NOT_FOUND);
  const curatorId = await q.curatorOf(db, cycleId, school.id);
  const rights = rightsOver(actor, { ...school, curatorId });
  if (!rights.read) throw new NotFoundError(SCHOOL_NOT_FOUND);
  return { school, rights };
}

/** A territory named in an overview filter must exist and be visible to the actor (else 404). */
export function checkVisible(actor: Actor, place: Place | undefined, message: string): void {
  if (!place || !visible(scopeOf(actor), place)) throw new NotFoundError(message);
}

/** May the actor download a stored file because it is a version of a school document they may read? */
export async function mayReadDocumentFile(db: Tx, actor: Actor, fileId: number): Promise<boolean> {
  const owners = await q.documentSchoolsOfFile(db, fileId);
  return owners.some((o) => rightsOver(actor, { id: o.schoolId, regionId: o.regionId, municipalityId: o.municipalityId, curatorId: o.curatorId }).read);
}
