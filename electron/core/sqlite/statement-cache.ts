// Statements built from fixed fragments (a filter's WHERE clause) are prepared once per shape and kept by
// name. One cache holds one family: every statement in it binds named values and returns the same row.

import type Database from 'better-sqlite3';

/** NamedParams are the values a composed statement binds by name. */
export type NamedParams = Record<string, string | number>;

/** StatementCache prepares each named statement shape once; every statement in it returns rows of Row. */
export class StatementCache<Row> {
  private readonly byName = new Map<string, Database.Statement<[NamedParams], Row>>();

  constructor(private readonly db: Database.Database) {}

  /** get returns the statement named `name`, preparing `sql` the first time that name is asked for. */
  get(name: string, sql: string): Database.Statement<[NamedParams], Row> {
    let stmt = this.byName.get(name);
    if (!stmt) {
      stmt = this.db.prepare<NamedParams, Row>(sql);
      this.byName.set(name, stmt);
    }
    return stmt;
  }
}
