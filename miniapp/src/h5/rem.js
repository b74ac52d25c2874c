// Taro's H5 sizing: 1rem = 40/750 of the narrow side of the window, between 20px and 40px. It is an
// external file, not Taro's usual inline script, because the club's server forbids inline scripts (CSP).
!(function (win) {
  function fit() {
    var root = win.document.documentElement;
    var rect = root.getBoundingClientRect();
    var sides = [rect.width, rect.height].filter(Boolean);
    var x = (40 * Math.min.apply(Math, sides)) / 750;
    root.style.fontSize = x >= 40 ? '40px' : x <= 20 ? '20px' : x + 'px';
  }
  win.addEventListener('resize', fit);
  fit();
})(window);
