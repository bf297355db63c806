// The cover's alt text is required as soon as a cover picture is chosen. The server
// checks it anyway; this only says so before saving.
"use strict";
(function () {
  function update() {
    var picture = document.getElementById("id_cover_image");
    var alt = document.getElementById("id_cover_alt_text");
    if (!picture || !alt) {
      return;
    }
    var label = document.querySelector('label[for="id_cover_alt_text"]');
    var kept = document.getElementById("id_pending_cover");
    var hasCover = picture.files.length > 0 || (kept && kept.value !== "") ||
      document.querySelector(".field-cover_image .file-upload a") !== null;
    var clear = document.getElementById("cover_image-clear_id");
    if (clear && clear.checked && picture.files.length === 0) {
      hasCover = false;
    }
    alt.required = hasCover;
    if (label) {
      label.classList.toggle("required", hasCover);
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.id === "id_cover_image" || event.target.id === "cover_image-clear_id") {
      update();
    }
  });
  document.addEventListener("DOMContentLoaded", update);
})();
