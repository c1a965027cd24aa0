"""The networks. Every model takes the serving tensor [N, frames, 64 bands] of log-mel dB values,
keeps the bands below ~3.4 kHz (first_band, band_count) and scales each window like the reference
(dB relative to the window's maximum, 80 dB range, to [0, 1]) inside its graph, so Java passes the
windows exactly as the WindowAssembler builds them and the models are insensitive to gain."""
import torch
import torch.nn as nn

DYNAMIC_RANGE_DB = 80.0


class WindowScaling(nn.Module):
    def __init__(self, first_band, band_count):
        super().__init__()
        self.first_band = first_band
        self.band_count = band_count

    def forward(self, x):  # [N, T, B] dB -> [N, 1, T, band_count] in [0, 1]
        x = x[:, :, self.first_band:self.first_band + self.band_count]
        peak = torch.amax(x, dim=(1, 2), keepdim=True)
        x = torch.clamp(x - peak, min=-DYNAMIC_RANGE_DB) / DYNAMIC_RANGE_DB + 1.0
        return x.unsqueeze(1)


def conv_block(cin, cout, kernel, stride=1, padding=0):
    return [nn.Conv2d(cin, cout, kernel, stride, padding, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class AlexNetTrunk(nn.Module):
    """AlexNet's shape, scaled down for two CPU cores: a large strided first kernel, then 5x5 and
    three 3x3 convolutions, batch norm, ReLU and 3x3/2 max-pools."""

    def __init__(self, frames, bands, widths=(32, 64, 96, 96, 64), time_cells=None, conv2_kernel=5):
        """time_cells: if set and the last pool leaves more time steps than that (longer windows), a
        further max-pool over time (stride T // time_cells, the kernel covering all T) brings them down
        to time_cells, so the dense head keeps the size it has for 2 s windows (5 time steps).
        conv2_kernel: the second convolution's (odd) kernel size, padded to keep its map size; 3 costs
        about a third of 5's multiply-adds in that layer, the trunk's most expensive."""
        super().__init__()
        c1, c2, c3, c4, c5 = widths
        layers = [
            *conv_block(1, c1, (11, 7), (4, 2), (5, 3)), nn.MaxPool2d(3, 2),
            *conv_block(c1, c2, conv2_kernel, 1, conv2_kernel // 2), nn.MaxPool2d(3, 2),
            *conv_block(c2, c3, 3, 1, 1),
            *conv_block(c3, c4, 3, 1, 1),
            *conv_block(c4, c5, 3, 1, 1), nn.MaxPool2d(3, 2)]
        with torch.no_grad():
            steps = nn.Sequential(*layers)(torch.zeros(1, 1, frames, bands)).shape[2]
        if time_cells and steps > time_cells:
            stride = steps // time_cells
            layers.append(nn.MaxPool2d((steps - stride * (time_cells - 1), 1), (stride, 1)))
        self.layers = nn.Sequential(*layers, nn.Flatten())
        with torch.no_grad():
            self.out_features = self.layers(torch.zeros(1, 1, frames, bands)).shape[1]

    def forward(self, x):
        return self.layers(x)


class CryDetectorNet(nn.Module):
    """Trunk, then fully connected 256 -> 64 -> 1 with dropout; logits in training, sigmoid in serving."""

    def __init__(self, frames, first_band, band_count, time_cells=None, conv2_kernel=5):
        super().__init__()
        self.scaling = WindowScaling(first_band, band_count)
        self.trunk = AlexNetTrunk(frames, band_count, time_cells=time_cells, conv2_kernel=conv2_kernel)
        self.head = nn.Sequential(
            nn.Linear(self.trunk.out_features, 256), nn.BatchNorm1d(256), nn.ReLU(inplace=True), nn.Dropout(0.5),
            nn.Linear(256, 64), nn.ReLU(inplace=True), nn.Dropout(0.3),
            nn.Linear(64, 1))

    def logits_scaled(self, x_scaled):
        return self.head(self.trunk(x_scaled)).squeeze(1)

    def forward(self, x):
        return torch.sigmoid(self.logits_scaled(self.scaling(x)))


class CauseHead(nn.Module):
    """Cause classifier head on features of a window (the cry detector's frozen trunk embedding and/or
    per-band mean and standard deviation of the scaled window): a small MLP, or a linear layer."""

    def __init__(self, in_features, hidden=64, causes=5):
        super().__init__()
        if hidden:
            self.net = nn.Sequential(nn.Dropout(0.3), nn.Linear(in_features, hidden), nn.ReLU(inplace=True),
                                     nn.Dropout(0.3), nn.Linear(hidden, causes))
        else:  # multinomial logistic regression
            self.net = nn.Sequential(nn.Dropout(0.3), nn.Linear(in_features, causes))

    def forward(self, features):
        return self.net(features)


def band_statistics(x_scaled):  # [N, 1, T, B] -> [N, 2B]
    x = x_scaled.squeeze(1)
    return torch.cat([x.mean(dim=1), x.std(dim=1)], dim=1)


class CauseClassifierNet(nn.Module):
    def __init__(self, scaling, trunk, head, use_trunk=True):
        super().__init__()
        self.scaling = scaling
        self.trunk = trunk
        self.head = head
        self.use_trunk = use_trunk

    def features(self, x_scaled):
        stats = band_statistics(x_scaled)
        if not self.use_trunk:
            return stats
        return torch.cat([self.trunk(x_scaled), stats], dim=1)

    def forward(self, x):
        return torch.softmax(self.head(self.features(self.scaling(x))), dim=1)
