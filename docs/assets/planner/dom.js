// Building page elements from data without ever parsing HTML: visitor text becomes text nodes.

/**
 * Create an element with attributes and children (strings become text nodes).
 * An attribute set to true is present and empty; false or undefined leaves it out.
 */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value === undefined) continue;
    node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}
