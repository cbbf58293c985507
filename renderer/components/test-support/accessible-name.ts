// The accessible name of a button as assistive technology computes it for our markup:
// `aria-label` when present, otherwise the visible text minus `aria-hidden` parts. Enough for
// the components here (no aria-labelledby on buttons), and what the tests assert against.

export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label.trim();
  return textWithoutHidden(element).replace(/\s+/g, ' ').trim();
}

function textWithoutHidden(node: Node): string {
  if (node.nodeType === 3) return node.textContent ?? '';
  if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
  return [...node.childNodes].map(textWithoutHidden).join('');
}

export function buttonNames(root: Element): string[] {
  return [...root.querySelectorAll('button')].map(accessibleName);
}
