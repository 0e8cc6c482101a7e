/* global document */
// Drag a board card onto another column: fills in the card's "Move to" menu and submits its form, so
// the move is the same form post a browser without JavaScript makes.
for (const card of document.querySelectorAll(".board-card[draggable='true']")) {
  card.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/plain", card.dataset.row);
    event.dataTransfer.effectAllowed = "move";
  });
}
for (const column of document.querySelectorAll(".board-column")) {
  column.addEventListener("dragover", (event) => {
    event.preventDefault();
    column.classList.add("drop-target");
  });
  column.addEventListener("dragleave", () => column.classList.remove("drop-target"));
  column.addEventListener("drop", (event) => {
    event.preventDefault();
    const rowId = event.dataTransfer.getData("text/plain");
    const form = [...document.querySelectorAll("form.move")].find((f) => f.dataset.row === rowId);
    if (!form || form.closest(".board-column") === column) return;
    form.elements.namedItem("value").value = column.dataset.value;
    form.submit();
  });
}
