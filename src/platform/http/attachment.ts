/** A file's name as a download offers it (RFC 6266: an ASCII fallback, and the name itself in UTF-8). */
export const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
