"""The Qt wizard of 年报填报助手: pages, table models, message bars, the edit document (Qt only; reads `model`)."""
