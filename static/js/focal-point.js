/* The picture library's focal point: click the picture where the subject is, and the
   focal point fields take that spot (0 to 1 across and down). Every crop keeps it in view. */
(function () {
  "use strict";

  function attach(picture) {
    var frame = picture.parentNode;
    var marker = frame.querySelector(".focal-point__marker");
    var across = document.getElementById("id_focal_x");
    var down = document.getElementById("id_focal_y");
    if (!across || !down) {
      return;
    }

    function show() {
      marker.hidden = false;
      marker.style.left = (parseFloat(across.value) || 0) * 100 + "%";
      marker.style.top = (parseFloat(down.value) || 0) * 100 + "%";
    }

    picture.addEventListener("click", function (event) {
      var box = picture.getBoundingClientRect();
      across.value = ((event.clientX - box.left) / box.width).toFixed(3);
      down.value = ((event.clientY - box.top) / box.height).toFixed(3);
      show();
    });
    across.addEventListener("input", show);
    down.addEventListener("input", show);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("img[data-focal-point]").forEach(attach);
  });
})();
