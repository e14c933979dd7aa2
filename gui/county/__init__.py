"""The county reviewer's side of the application: the review window (`window`), its dialogs (`dialogs`), and
the county's requirements applied in the clerk's wizard (`local`)."""
