// Drag a zone's slots into order (fronts/admin.py, the slots inline).
//
// Progressive enhancement: without this script every slot keeps its position
// number, which editors type (the keyboard way, also with the script). With
// it, each row gets a handle to drag, and "Move up" / "Move down" buttons; the
// position numbers are rewritten in the new order, so saving stores it.
"use strict";

(function () {
  function filledRows(body) {
    return Array.from(body.querySelectorAll("tr.form-row:not(.empty-form)"));
  }

  // Only slots holding a story are numbered: an empty extra row left at 0 stays unsaved.
  function renumber(body) {
    let position = 1;
    for (const row of filledRows(body).filter((row) => row.querySelector("select[name$='-story']")?.value)) {
      const input = row.querySelector("input[name$='-position']");
      if (input) {
        input.value = String(position);
        position += 1;
      }
    }
  }

  function announce(body, text) {
    const status = body.closest(".front-slots").querySelector(".front-slots__status");
    if (status) status.textContent = text;
  }

  function headlineOf(row) {
    const picked = row.querySelector("select[name$='-story'] option:checked");
    return picked && picked.value ? picked.textContent.trim() : "Empty slot";
  }

  function move(body, row, offset) {
    const rows = filledRows(body);
    const target = rows[rows.indexOf(row) + offset];
    if (!target) return;
    body.insertBefore(row, offset < 0 ? target : target.nextSibling);
    renumber(body);
    announce(body, `${headlineOf(row)}: now position ${rows.indexOf(target) + 1}.`);
  }

  function button(label, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "front-slots__move";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function enhance(body) {
    let dragged = null;
    for (const row of filledRows(body)) {
      if (row.dataset.sortable || !row.querySelector("td.field-story select")?.value) continue;
      row.dataset.sortable = "yes";
      row.draggable = true;
      const cell = row.querySelector("td.field-position");
      if (cell) {
        const handle = document.createElement("span");
        handle.className = "front-slots__handle";
        handle.setAttribute("aria-hidden", "true");
        handle.textContent = "⠿";
        cell.prepend(handle);
        cell.append(button("Move up", () => move(body, row, -1)), button("Move down", () => move(body, row, 1)));
      }
      row.addEventListener("dragstart", (event) => {
        dragged = row;
        row.classList.add("front-slots__dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
      });
      row.addEventListener("dragend", () => {
        row.classList.remove("front-slots__dragging");
        dragged = null;
        renumber(body);
      });
      row.addEventListener("dragover", (event) => {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        const box = row.getBoundingClientRect();
        const after = event.clientY > box.top + box.height / 2;
        body.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener("drop", (event) => {
        event.preventDefault();
        if (dragged) announce(body, `${headlineOf(dragged)}: now position ${filledRows(body).indexOf(dragged) + 1}.`);
      });
    }
  }

  function start() {
    for (const group of document.querySelectorAll(".front-slots")) {
      const body = group.querySelector("tbody");
      if (!body) continue;
      const status = document.createElement("p");
      status.className = "front-slots__status";
      status.setAttribute("role", "status");
      group.prepend(status);
      enhance(body);
      // Rows the admin adds ("Add another slot") become sortable too.
      document.addEventListener("formset:added", () => enhance(body));
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
