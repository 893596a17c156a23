// The buttons of the reconnect notice (App.razor). Their handlers live in this file because the content security
// policy allows scripts only from the app itself: inline onclick attributes are refused (decision 0017, issue 16).
document.addEventListener('click', event => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button?.classList.contains('forlop-reconnect-retry')) {
        Blazor.reconnect();
    } else if (button?.classList.contains('forlop-reconnect-reload')) {
        location.reload();
    }
});
