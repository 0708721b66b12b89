// Tenant (Teams) and workspace (Slack) allow-lists from the org config. An empty list allows all,
// so a single-hospital install needs no setting; a non-empty one fails closed on a missing id.

export function isAllowed(allowed: readonly string[] | undefined, ...ids: (string | undefined)[]): boolean {
  if (!allowed || allowed.length === 0) return true;
  return ids.some((id) => id !== undefined && id !== '' && allowed.includes(id));
}

/** An id for a log line: platform ids are short tokens; anything else is not echoed. */
export function loggableId(id: string | undefined): string | undefined {
  return id && /^[A-Za-z0-9._:-]{1,64}$/.test(id) ? id : undefined;
}
