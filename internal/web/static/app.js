// gaoxin's only script: comforts, never needed. Every page works without it.
"use strict";

// Ask before destructive actions: buttons with data-confirm="question".
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  var question = button && button.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
