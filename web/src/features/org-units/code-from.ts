/** A code from a name: "Bolton and Bury" -> "bolton-and-bury". */
export function codeFrom(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      // Accents come apart from their letters; drop the accents, keep the letters.
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 60)
      .replace(/^-+|-+$/g, '')
  );
}
