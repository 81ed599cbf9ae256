/* The picture library's upload form takes pictures dropped anywhere on it, not only on the
   small file button: the dropped files become the file input's choice, and the form says
   how many are chosen. Checking them is the server's job (media/uploads.py). */
(function () {
  "use strict";

  function attach(form) {
    var input = form.querySelector("input[type=file]");
    if (!input) {
      return;
    }
    var status = document.createElement("p");
    status.className = "image-upload__status";
    status.setAttribute("role", "status");
    input.parentNode.appendChild(status);

    function describe() {
      var count = input.files.length;
      status.textContent = count ? count + (count === 1 ? " picture chosen." : " pictures chosen.") : "";
    }

    ["dragenter", "dragover"].forEach(function (name) {
      form.addEventListener(name, function (event) {
        event.preventDefault();
        form.classList.add("image-upload--dropping");
      });
    });
    form.addEventListener("dragleave", function (event) {
      if (!form.contains(event.relatedTarget)) {
        form.classList.remove("image-upload--dropping");
      }
    });
    form.addEventListener("drop", function (event) {
      event.preventDefault();
      form.classList.remove("image-upload--dropping");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        describe();
      }
    });
    input.addEventListener("change", describe);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.image-upload").forEach(attach);
  });
})();
