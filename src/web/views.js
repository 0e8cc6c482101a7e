/* global document */
// Table cells save as soon as their value changes: submits the cell's own form, the same post a
// browser without JavaScript makes with its Save button (hidden once this runs).
for (const form of document.querySelectorAll("form.cell-form")) {
  const save = form.querySelector(".cell-save");
  if (save) save.hidden = true;
  for (const control of form.querySelectorAll("input:not([type='hidden']), select")) {
    control.addEventListener("change", () => form.requestSubmit());
  }
}
