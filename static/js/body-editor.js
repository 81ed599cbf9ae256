/* Turns each textarea[data-rich-text] into a Quill editor and keeps the textarea
   holding the editor's HTML, which the server sanitises on save.

   The "Picture" button opens a small picker over the picture library (the
   admin's picker/ address, in data-picture-picker) and inserts the chosen
   picture as <figure data-image="ID"><figcaption>…</figcaption></figure>: the
   form the sanitiser keeps and the reader site renders with its renditions. */
(function () {
  "use strict";

  var TOOLBAR = [
    [{ header: [false, 2, 3] }],
    ["bold", "italic", "link"],
    ["blockquote", { list: "ordered" }, { list: "bullet" }],
    ["picture"],
    ["clean"],
  ];

  var BlockEmbed = Quill.import("blots/block/embed");

  // A library picture in the body. Only the id and the caption are kept; the
  // thumbnail is for the editor's eyes, and the sanitiser drops it on save.
  class LibraryFigure extends BlockEmbed {
    static create(value) {
      var node = super.create();
      node.setAttribute("data-image", value.id);
      node.setAttribute("contenteditable", "false");
      var picture = document.createElement("img");
      picture.src = LibraryFigure.thumbnailUrl.replace("/0/", "/" + value.id + "/");
      picture.alt = "";
      node.appendChild(picture);
      var caption = document.createElement("figcaption");
      caption.textContent = value.caption || "";
      node.appendChild(caption);
      return node;
    }

    static value(node) {
      var caption = node.querySelector("figcaption");
      return { id: node.getAttribute("data-image"), caption: caption ? caption.textContent : "" };
    }

    static formats() {
      return undefined;
    }
  }
  LibraryFigure.blotName = "libraryFigure";
  LibraryFigure.tagName = "FIGURE";
  LibraryFigure.className = "library-figure";
  LibraryFigure.thumbnailUrl = "";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function openPicker(quill, textarea, wrapper) {
    var existing = wrapper.querySelector(".picture-picker");
    if (existing) {
      existing.remove();
      return;
    }
    var panel = element("div", "picture-picker");
    var label = element("label", "", "Find a picture in the library");
    var search = element("input");
    search.type = "search";
    search.placeholder = "Caption, credit or title";
    label.appendChild(search);
    var results = element("ul", "picture-picker__results");
    panel.appendChild(label);
    panel.appendChild(results);
    wrapper.insertBefore(panel, wrapper.firstChild.nextSibling);
    var range = quill.getSelection(true);

    function choose(found) {
      var at = range ? range.index : quill.getLength();
      quill.insertEmbed(at, "libraryFigure", { id: found.id, caption: found.caption }, "user");
      quill.setSelection(at + 1, 0, "silent");
      panel.remove();
    }

    function load() {
      var url = textarea.dataset.picturePicker + "?q=" + encodeURIComponent(search.value);
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          results.replaceChildren();
          if (!data.results.length) {
            results.appendChild(element("li", "picture-picker__empty", "No picture matches."));
          }
          data.results.forEach(function (found) {
            var item = element("li");
            var button = element("button", "picture-picker__choice");
            button.type = "button";
            var thumb = element("img");
            thumb.src = found.thumbnail;
            thumb.alt = "";
            button.appendChild(thumb);
            button.appendChild(element("span", "", found.title + (found.ready ? "" : " (needs alt text or credit)")));
            button.addEventListener("click", function () { choose(found); });
            item.appendChild(button);
            results.appendChild(item);
          });
        });
    }

    var timer;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 200);
    });
    load();
    search.focus();
  }

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
    LibraryFigure.thumbnailUrl = textarea.dataset.pictureThumbnail || "";

    var quill = new Quill(holder, {
      theme: "snow",
      formats: ["header", "bold", "italic", "link", "blockquote", "list", "libraryFigure"],
      modules: {
        toolbar: {
          container: TOOLBAR,
          handlers: { picture: function () { openPicker(quill, textarea, wrapper); } },
        },
      },
    });
    var button = wrapper.querySelector(".ql-picture");
    if (button) {
      button.textContent = "Picture";
      button.setAttribute("aria-label", "Insert a picture from the library");
    }
    quill.clipboard.dangerouslyPasteHTML(textarea.value, "silent");

    function sync() {
      var hasFigure = quill.root.querySelector("figure[data-image]");
      textarea.value = quill.getText().trim() || hasFigure ? quill.root.innerHTML : "";
    }
    quill.on("text-change", sync);
    // Text put back in the textarea from elsewhere (story-autosave.js) is shown in the editor.
    textarea.addEventListener("rich-text:load", function () {
      quill.clipboard.dangerouslyPasteHTML(textarea.value, "silent");
      sync();
    });
    if (textarea.form) {
      textarea.form.addEventListener("submit", sync);
    }
  }

  Quill.register(LibraryFigure);

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(attach);
  });
})();
