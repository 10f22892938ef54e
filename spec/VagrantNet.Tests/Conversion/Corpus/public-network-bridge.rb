Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"
  config.vm.network :public_network, dev: "br0", mode: "bridge", type: "bridge"
  config.vm.network :public_network, bridge: "en0: Wi-Fi", ip: "192.168.1.50"
end
