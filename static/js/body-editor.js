/* Turns each textarea[data-rich-text] into a Quill editor and keeps the textarea
   holding the editor's HTML, which the server sanitises on save. */
(function () {
  "use strict";

  var TOOLBAR = [
    [{ header: [false, 2, 3] }],
    ["bold", "italic", "link"],
    ["blockquote", { list: "ordered" }, { list: "bullet" }],
    ["clean"],
  ];

  function attach(textarea) {
    // One wrapper for Quill's toolbar and editing area, so the admin's flex
    // layout of label and field keeps them stacked as a single field.
    var wrapper = document.createElement("div");
    wrapper.className = "rich-text";
    var holder = document.createElement("div");
    holder.className = "rich-text-editor";
    wrapper.appendChild(holder);
    textarea.parentNode.insertBefore(wrapper, textarea);
    textarea.hidden = true;

    var quill = new Quill(holder, {
      theme: "snow",
      formats: ["header", "bold", "italic", "link", "blockquote", "list"],
      modules: { toolbar: TOOLBAR },
    });
    quill.clipboard.dangerouslyPasteHTML(textarea.value, "silent");

    function sync() {
      textarea.value = quill.getText().trim() ? quill.root.innerHTML : "";
    }
    quill.on("text-change", sync);
    if (textarea.form) {
      textarea.form.addEventListener("submit", sync);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(attach);
  });
})();
