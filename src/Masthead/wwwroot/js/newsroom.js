// Small progressive enhancements for the newsroom; every page works without them.
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
    const form = event.target instanceof Element ? event.target.closest("form[data-ctrl-enter]") : null;
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
  }
});
