// A small SQLite lexer: just enough to count statements (execute/batch take exactly one, like sqld),
// list parameters for `describe`, and classify a statement by its leading keywords. The engine does
// not expose the parse tail or sqlite3_stmt_readonly, and EXPLAIN of a write statement leaves the
// statement active in the libsql binding (it then blocks COMMIT), so this is done on the text.

export type Token =
  | { kind: "word"; upper: string }
  | { kind: "param"; name: string | null; index: number | null }
  | { kind: "semicolon" }
  | { kind: "other"; text: string };

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

/** Splits SQL text into tokens, skipping whitespace, comments, string literals and quoted names. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  const skipQuoted = (close: string): void => {
    // Doubled closing quotes ('it''s', "a""b") escape themselves; an unterminated literal runs to the end.
    i++;
    while (i < n) {
      if (sql[i] === close) {
        if (close !== "]" && sql[i + 1] === close) i += 2;
        else return void i++;
      } else i++;
    }
  };
  while (i < n) {
    const c = sql[i] as string;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") i++;
    else if (c === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      const start = i;
      skipQuoted(c);
      tokens.push({ kind: "other", text: sql.slice(start, i) });
    } else if (c === "[") {
      const start = i;
      skipQuoted("]");
      tokens.push({ kind: "other", text: sql.slice(start, i) });
    } else if (c === ";") {
      i++;
      tokens.push({ kind: "semicolon" });
    } else if (c === "?") {
      let j = i + 1;
      while (j < n && /[0-9]/.test(sql[j] as string)) j++;
      tokens.push({ kind: "param", name: j > i + 1 ? sql.slice(i, j) : null, index: j > i + 1 ? Number(sql.slice(i + 1, j)) : null });
      i = j;
    } else if ((c === ":" || c === "@" || c === "$") && i + 1 < n && WORD_CHAR.test(sql[i + 1] as string)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(sql[j] as string)) j++;
      tokens.push({ kind: "param", name: sql.slice(i, j), index: null });
      i = j;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_CHAR.test(sql[j] as string)) j++;
      tokens.push({ kind: "word", upper: sql.slice(i, j).toUpperCase() });
      i = j;
    } else {
      i++;
      tokens.push({ kind: "other", text: c });
    }
  }
  return tokens;
}

function isTriggerStart(stmt: Token[]): boolean {
  const words = stmt.slice(0, 3).map((t) => (t.kind === "word" ? t.upper : ""));
  return words[0] === "CREATE" && (words[1] === "TRIGGER" || ((words[1] === "TEMP" || words[1] === "TEMPORARY") && words[2] === "TRIGGER"));
}

/**
 * Groups tokens into statements (empty ones dropped). Inside a CREATE TRIGGER body the semicolons
 * between BEGIN and END belong to the trigger; CASE … END pairs inside the body are tracked so
 * their END does not close it.
 */
export function splitStatements(sql: string): Token[][] {
  const statements: Token[][] = [];
  let current: Token[] = [];
  let inBody = false;
  let caseDepth = 0;
  for (const token of tokenize(sql)) {
    if (token.kind === "semicolon" && !inBody) {
      if (current.length > 0) statements.push(current);
      current = [];
      continue;
    }
    current.push(token);
    if (token.kind !== "word" || !isTriggerStart(current)) continue;
    if (!inBody && token.upper === "BEGIN") inBody = true;
    else if (inBody && token.upper === "CASE") caseDepth++;
    else if (inBody && token.upper === "END") {
      if (caseDepth > 0) caseDepth--;
      else inBody = false;
    }
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

/** Parameter names as SQLite numbers them: `?` takes the next index, `?N` sets it, a repeated name reuses its index. */
export function describeParams(tokens: Token[]): { name: string | null }[] {
  const slots: (string | null)[] = [];
  const byName = new Map<string, number>();
  for (const t of tokens) {
    if (t.kind !== "param") continue;
    if (t.index !== null) {
      while (slots.length < t.index) slots.push(null);
      if (t.name !== null && slots[t.index - 1] === null) slots[t.index - 1] = t.name;
    } else if (t.name === null) slots.push(null);
    else if (!byName.has(t.name)) {
      slots.push(t.name);
      byName.set(t.name, slots.length);
    }
  }
  return slots.map((name) => ({ name }));
}

const READONLY_LEADS = new Set(["SELECT", "VALUES", "EXPLAIN", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"]);
const WRITE_WORDS = new Set(["INSERT", "UPDATE", "DELETE", "REPLACE"]);

/**
 * Approximates sqlite3_stmt_readonly from the statement text: queries and transaction control are
 * read-only; a WITH is read-only unless it contains DML; a PRAGMA is read-only unless it has `=`.
 */
export function looksReadonly(tokens: Token[]): boolean {
  const first = tokens[0];
  if (first === undefined || first.kind !== "word") return false;
  if (READONLY_LEADS.has(first.upper)) return true;
  if (first.upper === "WITH") return !tokens.some((t) => t.kind === "word" && WRITE_WORDS.has(t.upper));
  if (first.upper === "PRAGMA") return !tokens.some((t) => t.kind === "other" && t.text === "=");
  return false;
}

export function isExplain(tokens: Token[]): boolean {
  const first = tokens[0];
  return first !== undefined && first.kind === "word" && first.upper === "EXPLAIN";
}

/** `BEGIN [DEFERRED|…] [TRANSACTION] READONLY`: libSQL's read-only transaction (`transaction("read")`). */
export function isReadonlyBegin(tokens: Token[]): boolean {
  const first = tokens[0];
  return first !== undefined && first.kind === "word" && first.upper === "BEGIN" && tokens.some((t) => t.kind === "word" && t.upper === "READONLY");
}

/**
 * A query that can run on a read-only second connection: SELECT, VALUES, EXPLAIN, or a WITH without
 * DML. Deliberately narrower than looksReadonly: transaction control and PRAGMA (`PRAGMA x(1)` sets
 * a value without `=`) must run on the main connection.
 */
export function isPlainQuery(tokens: Token[]): boolean {
  const first = tokens[0];
  if (first === undefined || first.kind !== "word") return false;
  if (first.upper === "SELECT" || first.upper === "VALUES" || first.upper === "EXPLAIN") return true;
  return first.upper === "WITH" && looksReadonly(tokens);
}

/** BEGIN, BEGIN DEFERRED, BEGIN … READONLY: a transaction that takes no write lock when it starts. */
export function isReadBegin(tokens: Token[]): boolean {
  const first = tokens[0];
  if (first === undefined || first.kind !== "word" || first.upper !== "BEGIN") return false;
  return !tokens.some((t) => t.kind === "word" && (t.upper === "IMMEDIATE" || t.upper === "EXCLUSIVE"));
}

/** COMMIT, END or ROLLBACK (not ROLLBACK TO, which keeps the transaction open). */
export function isTransactionEnd(tokens: Token[]): boolean {
  const first = tokens[0];
  if (first === undefined || first.kind !== "word") return false;
  if (first.upper === "COMMIT" || first.upper === "END") return true;
  return first.upper === "ROLLBACK" && !tokens.some((t) => t.kind === "word" && t.upper === "TO");
}
