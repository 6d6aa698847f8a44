// Names Material's search overlay for screen readers: the theme marks it role="dialog" but
// gives it no accessible name, so assistive technology would announce an unnamed dialog.
for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
  dialog.setAttribute("aria-label", "Search this site");
}
